/** What a maintenance run did (one line per check) and what needs an operator. */
export type MaintenanceReport = { lines: string[]; problems: string[] };

export function formatReport(title: string, report: MaintenanceReport): string {
  const lines = [`${title}`, ...report.lines.map((line) => `  ${line}`)];
  lines.push(
    report.problems.length === 0
      ? '  result: ok'
      : `  result: ${report.problems.length} problem(s)\n${report.problems.map((p) => `  ! ${p}`).join('\n')}`,
  );
  return `${lines.join('\n')}\n`;
}
