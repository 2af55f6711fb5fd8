/** The package's `cos-uploader` command (dist/cli.js). One subcommand so far: `doctor`. */
import { doctorCommand, DOCTOR_USAGE } from './cli/doctor-command.js';

const USAGE = `Usage: cos-uploader doctor [options]   (cos-uploader doctor --help for the options)`;

export async function main(argv: string[]): Promise<number> {
  const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) };
  const [command, ...rest] = argv;
  if (command === 'doctor') return doctorCommand(rest, io);
  if (command === '--help' || command === '-h') {
    io.out(`${USAGE}\n\n${DOCTOR_USAGE}`);
    return 0;
  }
  io.err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  return 2;
}

// Exit at once: fetch keeps idle connections open for seconds, which would hold the process.
process.exit(await main(process.argv.slice(2)));
