#!/usr/bin/env bash
# Copies the browser journeys' screenshots (artifacts/e2e, written by the e2e project) into
# docs/screenshots for the gallery (docs/gallery.md). Run after a green run of the e2e project with
# LAYOUT_SCREENSHOTS=1, which has the layout journey write every screen at 1440 and 390 px.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=0
copy() { # copy <artifact name> <gallery path>
  if [ -f "artifacts/e2e/$1.png" ]; then cp "artifacts/e2e/$1.png" "docs/screenshots/$2.png"; else
    echo "missing: $1" >&2
    missing=1
  fi
}
# Moments of the journeys: confirmations, declines, 3-D Secure, the host app, languages.
shots=(login overview change-plan-preview seat-change-preview downgrade-scheduled cancel-survey cancel-offer cancel-pending
  pause-dialog payment-methods-added payment-methods-declined stripe-js-3ds-challenge past-due-overview pay-invoice invoices
  billing-details hosted-portal support-search support-view-as support-audit example-host-overview example-host-payment-methods
  dark-overview dark-change-plan locale-de locale-ja locale-ar locale-pt-BR
  multi-item-yearly-preview multi-item-remove-addon-preview paused-overview not-found
  support-audit-1440 support-audit-390 shell-ar shell-ar-390 dark-overview-chosen dark-overview-390)
# Every screen of the layout journey (e2e/layout.e2e.ts), at desktop and phone width.
screens=(sign-in overview-active overview-grace-trialing overview-alan-past_due overview-margaret-paused
  overview-katherine-canceled overview-barbara-active pause-dialog change-plan change-plan-preview seat-change cancel-survey
  cancel-offer payment-methods add-card-dialog invoices pay-invoice billing-details hosted-portal not-found support-search
  view-as support-audit)
mkdir -p docs/screenshots/screens
for s in "${shots[@]}"; do copy "$s" "$s"; done
for s in "${screens[@]}"; do
  copy "layout-$s-en-1440-light-ltr" "screens/$s-1440"
  copy "layout-$s-en-390-light-ltr" "screens/$s-390"
done
# Right to left and dark, at both widths.
for w in 1440 390; do copy "layout-overview-active-ar-$w-dark-rtl" "screens/overview-active-ar-dark-$w"; done
exit $missing
