/** Exit codes of `npm run plan` (issue 11): scripts branch on them. */
export const EXIT_OK = 0;
/** Some rows were rejected; the others were written. */
export const EXIT_REJECTED = 1;
/** Usage, file, permission (e.g. a view token) or connection error: nothing was written. */
export const EXIT_FAILURE = 2;

/** An error the command line reports in one line and exits with 2. */
export class CliError extends Error {}

/** A wrong command line: reported with the usage text. */
export class UsageError extends CliError {}
