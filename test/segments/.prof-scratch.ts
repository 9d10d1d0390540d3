import { segmentMix } from '../bench/segments.ts';
import { segments } from '../../src/segments/index.ts';
import { countCharacters } from '../../src/segments/characters.ts';
import splitSms from 'split-sms';
const mix = segmentMix();
const gsm = mix.filter((t) => segments(t).encoding === 'GSM-7');
const ucs = mix.filter((t) => segments(t).encoding === 'UCS-2');
console.log(gsm.length, ucs.length, mix.reduce((a,t)=>a+t.length,0)/mix.length);
function time(name: string, list: string[], fn: (t: string) => unknown) {
  for (let r = 0; r < 3; r++) for (const t of list) fn(t);
  const start = performance.now(); let n = 0;
  while (performance.now() - start < 500) { for (const t of list) fn(t); n += list.length; }
  console.log(name, ((performance.now() - start) * 1000 / n).toFixed(2), 'µs');
}
time('ours gsm', gsm, (t) => segments(t));
time('ours ucs', ucs, (t) => segments(t));
time('graphemes ucs', ucs, (t) => countCharacters(t));
time('split gsm', gsm, (t) => splitSms.split(t));
time('split ucs', ucs, (t) => splitSms.split(t));
