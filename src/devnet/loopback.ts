// A preload script (written to disk, then passed as `node --require`) that makes every TCP server
// and UDP socket of the execution client bind 127.0.0.1: its devp2p sockets otherwise bind 0.0.0.0.
export const LOOPBACK_PRELOAD = `'use strict';
const net = require('node:net');
const dgram = require('node:dgram');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number') {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    else if (args[1] === '0.0.0.0' || args[1] === '::') args[1] = '127.0.0.1';
  } else if (args[0] && typeof args[0] === 'object' && !args[0].path) {
    if (!args[0].host || args[0].host === '0.0.0.0' || args[0].host === '::') args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
const bind = dgram.Socket.prototype.bind;
dgram.Socket.prototype.bind = function (...args) {
  if (typeof args[0] === 'number') {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    else if (args[1] === '0.0.0.0' || args[1] === '::') args[1] = '127.0.0.1';
  } else if (args[0] && typeof args[0] === 'object') {
    args[0] = { ...args[0], address: '127.0.0.1' };
  }
  return bind.apply(this, args);
};
`;
