/**
 * A tiny PDF writer: Helvetica text lines on A4 pages, enough for a readable invoice PDF
 * without a dependency. Text is WinAnsi-encoded (Latin-1 plus €).
 */
export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Right-aligned second column (amounts). */
  right?: string;
  gapBefore?: number;
}

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 50;

function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');
}

function toWinAnsi(s: string): string {
  // Keep Latin-1 as is, map € and typographic punctuation to WinAnsi, replace anything else.
  const extra: Record<string, string> = {
    '€': '\x80',
    '…': '\x85',
    '•': '\x95',
    '–': '\x96',
    '—': '\x97',
    '‘': '\x91',
    '’': '\x92',
    '“': '\x93',
    '”': '\x94',
  };
  return [...s].map((ch) => extra[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch : '?')).join('');
}

/** Rough Helvetica width (average glyph ≈ 0.5 em) to right-align amounts. */
function approxWidth(s: string, size: number): number {
  return s.length * size * 0.5;
}

export function textPdf(lines: PdfLine[], title = 'Invoice'): Buffer {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  const flush = () => {
    pages.push(ops.join('\n'));
    ops = [];
    y = PAGE_H - MARGIN;
  };
  for (const line of lines) {
    const size = line.size ?? 10;
    y -= (line.gapBefore ?? 0) + size * 1.5;
    if (y < MARGIN) {
      flush();
      y -= size * 1.5;
    }
    const font = line.bold ? 'F2' : 'F1';
    ops.push(`BT /${font} ${size} Tf ${MARGIN} ${y.toFixed(1)} Td (${escapeText(toWinAnsi(line.text))}) Tj ET`);
    if (line.right !== undefined) {
      const x = PAGE_W - MARGIN - approxWidth(line.right, size);
      ops.push(
        `BT /${font} ${size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td (${escapeText(toWinAnsi(line.right))}) Tj ET`,
      );
    }
  }
  flush();

  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1;
  const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
  const pagesIndex = add('PAGES_PLACEHOLDER');
  const fontRegular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const fontBold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const info = add(`<< /Title (${escapeText(toWinAnsi(title))}) /Producer (stripe-emulator) >>`);
  const kids: number[] = [];
  for (const content of pages) {
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesIndex} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${fontRegular} 0 R /F2 ${fontBold} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[pagesIndex - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
