// `--key=value` and bare `--flag` (true) arguments of the package and runtime-matrix scripts.
export function parseFlags(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.map((arg) => {
      const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
      return [key, value];
    }),
  );
}
