// Serves the packaged reference gateway on 127.0.0.1 for the matrix; prints where, then waits.
import { createGateway } from '@onemessage/sdk/gateway';

const gateway = createGateway();
const server = await gateway.listen({ port: 0, hostname: '127.0.0.1' });
console.log(JSON.stringify({ url: server.url, apiKey: gateway.apiKey }));
