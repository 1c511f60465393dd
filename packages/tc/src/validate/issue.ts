/** One finding about a spec: where (in plain words) and what. */
export interface Issue {
  path: string;
  message: string;
}

export interface ValidationReport {
  errors: Issue[];
  warnings: Issue[];
}

export function formatIssue(issue: Issue): string {
  return issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
}

export class Reporter implements ValidationReport {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}
