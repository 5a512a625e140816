// The ceiling: a bare node:http server answering 204, nothing else.
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.statusCode = 204;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
});
