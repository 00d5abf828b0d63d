#!/usr/bin/env bash
# Copies the browser journeys' screenshots (artifacts/e2e, written by `npm test`) into
# docs/screenshots for the gallery (docs/gallery.md). Run after a green test run.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=(login overview change-plan-preview seat-change-preview downgrade-scheduled cancel-survey cancel-offer cancel-pending
  pause-dialog payment-methods-added payment-methods-declined stripe-js-3ds-challenge past-due-overview pay-invoice invoices
  billing-details hosted-portal support-search support-view-as support-audit example-host-overview example-host-payment-methods
  dark-overview dark-change-plan locale-de locale-ja locale-ar locale-pt-BR
  multi-item-yearly-preview multi-item-remove-addon-preview paused-overview not-found invoices-390 pay-invoice-390
  billing-details-390 support-audit-1440 shell-ar shell-ar-390 dark-overview-chosen dark-overview-390)
mkdir -p docs/screenshots
for s in "${shots[@]}"; do
  if [ -f "artifacts/e2e/$s.png" ]; then cp "artifacts/e2e/$s.png" "docs/screenshots/$s.png"; else echo "missing: $s" >&2; fi
done
