/** Horizontal bars, labelled with their value in words and figures (never the length alone). */
export function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: { label: string; value: number; display: string }[];
}) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <figure className="bar-chart">
      <figcaption className="visually-hidden">{title}</figcaption>
      <dl>
        {rows.map((row) => (
          <div key={row.label} className="bar-row">
            <dt>{row.label}</dt>
            <dd>
              <span className="bar-track" aria-hidden="true">
                <span className={`progress-bar progress-${Math.round((row.value / max) * 20) * 5}`} />
              </span>
              <span className="num">{row.display}</span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
