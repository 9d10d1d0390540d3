// `npm run bench`: every benchmark in one run. Each module exports `run()` and prints its own table.
const suites = ['./segments.ts', './webhooks.ts', './transport.ts'];

for (const suite of suites) {
  const mod = (await import(suite)) as { run: () => Promise<void> };
  await mod.run();
}

export {};
