import type { Core, WireRequest, WireResponse } from '../core.js';
import type { StripeObject } from '../store.js';
import { formatDate, formatMoney } from '../billing/amounts.js';
import { attemptPayment } from '../billing/invoicing.js';
import { escapeHtml, page, redirect } from './html.js';
import { textPdf, type PdfLine } from './pdf.js';

function addressLines(a: StripeObject | null | undefined): string[] {
  if (!a) return [];
  return [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.state, a.country].filter(
    (x): x is string => Boolean(x),
  );
}

function invoicePdf(inv: StripeObject): Buffer {
  const money = (n: number) => formatMoney(n, inv.currency);
  const lines: PdfLine[] = [
    { text: inv.account_name ?? 'Invoice', size: 18, bold: true },
    { text: `Invoice ${inv.number ?? inv.id}`, size: 14, bold: true, gapBefore: 8 },
    { text: `Status: ${inv.status}`, right: `Date: ${formatDate(inv.created)}` },
  ];
  if (inv.due_date) lines.push({ text: `Due: ${formatDate(inv.due_date)}` });
  // Custom fields print under the invoice details, as on Stripe's PDF.
  for (const f of (inv.custom_fields ?? []) as StripeObject[]) lines.push({ text: `${f.name}: ${f.value}` });
  lines.push({ text: 'Bill to', bold: true, gapBefore: 10 });
  for (const t of [inv.customer_name, inv.customer_email, ...addressLines(inv.customer_address)])
    if (t) lines.push({ text: String(t) });
  for (const t of (inv.customer_tax_ids ?? []) as StripeObject[])
    lines.push({ text: `${String(t.type).toUpperCase().replace('_', ' ')}: ${t.value}` });
  lines.push({ text: 'Description', bold: true, right: 'Amount', gapBefore: 12 });
  for (const l of inv.lines.data as StripeObject[]) {
    lines.push({ text: String(l.description ?? '').slice(0, 80), right: money(l.amount) });
    lines.push({ text: `   ${formatDate(l.period.start)} – ${formatDate(l.period.end)}`, size: 8 });
  }
  lines.push({ text: 'Subtotal', right: money(inv.subtotal), gapBefore: 8 });
  for (const d of (inv.total_discount_amounts ?? []) as StripeObject[])
    lines.push({ text: 'Discount', right: `-${money(d.amount)}` });
  lines.push({ text: 'Total', bold: true, right: money(inv.total) });
  if (inv.starting_balance) lines.push({ text: 'Applied balance', right: money(inv.starting_balance) });
  lines.push({ text: 'Amount due', bold: true, right: money(inv.amount_due) });
  lines.push({ text: 'Amount paid', right: money(inv.amount_paid) });
  lines.push({ text: 'Amount remaining', right: money(inv.amount_remaining) });
  if (inv.footer) lines.push({ text: String(inv.footer), size: 8, gapBefore: 12 });
  return textPdf(lines, `Invoice ${inv.number ?? inv.id}`);
}

function invoiceHtml(inv: StripeObject, notice = ''): WireResponse {
  const money = (n: number) => escapeHtml(formatMoney(n, inv.currency));
  const rows = (inv.lines.data as StripeObject[])
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.description)}<br><span class="muted">${formatDate(l.period.start)} – ${formatDate(l.period.end)}</span></td><td class="num">${money(l.amount)}</td></tr>`,
    )
    .join('');
  const pay =
    inv.status === 'open'
      ? `<form method="post" action="/_hosted/invoices/${escapeHtml(inv.id)}/pay"><button data-testid="pay-invoice">Pay ${money(inv.amount_remaining)} with the card on file</button></form>`
      : '';
  return page(
    `Invoice ${inv.number ?? inv.id}`,
    `${notice ? `<p class="badge">${escapeHtml(notice)}</p>` : ''}<h1>Invoice ${escapeHtml(inv.number ?? '')}</h1>
<p><span class="badge" data-testid="invoice-status">${escapeHtml(inv.status)}</span> ${escapeHtml(inv.account_name)} · ${formatDate(inv.created)}${inv.due_date ? ` · due ${formatDate(inv.due_date)}` : ''}</p>
<p>Billed to ${escapeHtml(inv.customer_name ?? inv.customer_email ?? inv.customer)}</p>
<table><thead><tr><th>Description</th><th class="num">Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><td>Total</td><td class="num">${money(inv.total)}</td></tr><tr><td>Amount due</td><td class="num">${money(inv.amount_due)}</td></tr><tr><td>Amount remaining</td><td class="num" data-testid="amount-remaining">${money(inv.amount_remaining)}</td></tr></tfoot></table>
${pay}<p><a href="/_hosted/invoices/${escapeHtml(inv.id)}/pdf">Download PDF</a></p>`,
  );
}

/** `hosted_invoice_url` and `invoice_pdf` targets. */
export function invoicePageHandler(core: Core) {
  return (req: WireRequest, url: URL): WireResponse | null => {
    const m = /^\/_hosted\/invoices\/([A-Za-z0-9_]+)(\/pdf|\/pay)?$/.exec(url.pathname);
    if (!m) return null;
    const inv = core.store.get(m[1] ?? '');
    if (!inv || inv.object !== 'invoice' || inv.status === 'draft')
      return page('Not found', '<h1>Invoice not found</h1>', 404);
    if (m[2] === '/pdf') {
      return {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="${inv.number ?? inv.id}.pdf"`,
        },
        body: invoicePdf(core.store.render(inv)),
      };
    }
    if (m[2] === '/pay' && req.method === 'POST') {
      let notice = 'Payment succeeded';
      try {
        core.transaction(() => {
          const result = attemptPayment(core, inv, { offSession: false, automatic: false });
          if (!result.ok) {
            notice = result.error?.message ?? 'Payment failed';
            core.commitDespiteError();
            throw result.error ?? new Error(notice);
          }
        });
      } catch {
        return invoiceHtml(core.store.render(core.store.get(inv.id) ?? inv), notice);
      }
      return redirect(`/_hosted/invoices/${inv.id}`);
    }
    return invoiceHtml(core.store.render(inv));
  };
}
