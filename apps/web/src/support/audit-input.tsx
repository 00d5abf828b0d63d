/**
 * An audit row's recorded input, shown as data: field names and values in a definition list, each
 * value in code type. Whatever a customer typed (a name, a comment) can never read as a note from
 * staff or from the system, and nothing is rendered as markup.
 */
export function AuditInput({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value !== 'object' || Array.isArray(value)) return <code>{JSON.stringify(value)}</code>;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-input">
      {entries.map(([key, v]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <code>{JSON.stringify(v) ?? 'null'}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
