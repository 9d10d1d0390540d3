// Preview encoding, segments and price locally: no request is sent.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/estimate-cost.ts ["your text"]
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

const texts = process.argv[2]
  ? [process.argv[2]]
  : ['Your code is 123456', 'Ça coûte 5 € — merci ! 😀', '“Smart quotes” cost UCS-2 unless autoconverted'];

for (const body of texts) {
  const estimate = await client.messages.estimate({ to: '+447911123456', body });
  console.log(
    `${estimate.encoding}, ${estimate.segments} segment(s), ${estimate.price.amount} ${estimate.price.currency}: ${JSON.stringify(body)}`,
  );
}

const converted = await client.messages.estimate({ to: '+447911123456', body: texts.at(-1)!, autoconvert: 'on' });
console.log(
  `with autoconvert: ${converted.encoding}, ${converted.segments} segment(s): ${JSON.stringify(converted.body)}`,
);
