// A CLI command: `oneproof <name> ...args`. Returns the process exit code.
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}
