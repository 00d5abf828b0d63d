import type { ReactNode } from 'react';

/*
 * Small colour marks for card networks, drawn here (no network fetch, no copied artwork): each is a
 * 32×20 card face in the network's colours with a simple recognisable shape or its initials. They
 * are decorative: the text beside them names the brand, so they are hidden from assistive technology.
 */
const face = (fill: string, children: ReactNode, stroke?: string) => (
  <>
    <rect width="32" height="20" rx="3" fill={fill} {...(stroke ? { stroke, strokeWidth: 1 } : {})} />
    {children}
  </>
);
const letters = (text: string, fill = '#fff', size = 8) => (
  <text
    x="16"
    y="13.3"
    textAnchor="middle"
    fontFamily="Arial, Helvetica, sans-serif"
    fontWeight="700"
    fontStyle="italic"
    fontSize={size}
    fill={fill}
  >
    {text}
  </text>
);

const marks: Record<string, ReactNode> = {
  visa: face('#1a1f71', letters('VISA', '#fff', 9)),
  mastercard: face(
    '#252525',
    <>
      <circle cx="12.5" cy="10" r="6" fill="#eb001b" />
      <circle cx="19.5" cy="10" r="6" fill="#f79e1b" />
      <path d="M16 5.1a6 6 0 0 1 0 9.8a6 6 0 0 1 0-9.8z" fill="#ff5f00" />
    </>,
  ),
  amex: face('#2e77bc', letters('AMEX', '#fff', 7.5)),
  discover: face(
    '#fff',
    <>
      <circle cx="22" cy="10" r="4" fill="#f58220" />
      <text x="4" y="12.5" fontFamily="Arial, Helvetica, sans-serif" fontWeight="700" fontSize="6" fill="#231f20">
        DISC
      </text>
    </>,
    '#c9ccd4',
  ),
  jcb: face(
    '#fff',
    <>
      <rect x="4" y="3" width="8" height="14" rx="2.5" fill="#0e4c96" />
      <rect x="12" y="3" width="8" height="14" rx="2.5" fill="#e20613" />
      <rect x="20" y="3" width="8" height="14" rx="2.5" fill="#007a3d" />
      {letters('JCB', '#fff', 7)}
    </>,
    '#c9ccd4',
  ),
  unionpay: face(
    '#fff',
    <>
      <path d="M6 3h7l-3 14H3z" fill="#e21836" />
      <path d="M13 3h7l-3 14h-7z" fill="#00447c" />
      <path d="M20 3h8l-3 14h-8z" fill="#007b84" />
    </>,
    '#c9ccd4',
  ),
  diners: face(
    '#fff',
    <>
      <circle cx="16" cy="10" r="6.5" fill="none" stroke="#0079be" strokeWidth="1.8" />
      <path d="M14 6.2v7.6M18 6.2v7.6" stroke="#0079be" strokeWidth="1.6" />
    </>,
    '#c9ccd4',
  ),
};
// Stripe spells some networks more than one way (`card.brand` vs `card.display_brand`).
marks.american_express = marks.amex;
marks.diners_club = marks.diners;

const unknown = face(
  '#e6e8ee',
  <>
    <rect x="0" y="5" width="32" height="3.5" fill="#8a90a0" />
    <rect x="4" y="12" width="10" height="2.5" rx="1" fill="#8a90a0" />
  </>,
  '#c9ccd4',
);

/** The mark for a card brand as Stripe names it (`visa`, `mastercard`…); a plain card for any other. */
export function CardBrand({ brand }: { brand: string | null }) {
  return (
    <svg
      className="bp-card-brand"
      viewBox="0 0 32 20"
      width="32"
      height="20"
      aria-hidden="true"
      focusable="false"
      data-brand={brand && marks[brand] ? brand : 'unknown'}
    >
      {(brand && marks[brand]) ?? unknown}
    </svg>
  );
}
