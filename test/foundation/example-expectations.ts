// What each example guest (native/guest/examples) must print, computed independently here: hashes
// with node:crypto and ethers, arithmetic with BigInt, the rest re-implemented in TypeScript.
import { createHash } from 'node:crypto';
import { keccak256 } from 'ethers';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const keccak = (b: Uint8Array) => keccak256(b).slice(2);

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
function ackermann(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

function sortExpectation(): string {
  const values: number[] = [];
  let x = 12345;
  for (let i = 0; i < 2000; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    values.push(x % 100000);
  }
  values.sort((a, b) => a - b);
  return `sorted=1 same=1 min=${values[0]} median=${values[1000]} max=${values[1999]}\n`;
}

function int64Expectation(): string {
  const mask = (1n << 64n) - 1n;
  const ua = 0xfedcba9876543210n, ub = 0xdeadbeefn;
  const sa = -0x123456789abcdefn, sb = 0x7654321n, shift = 37n;
  const hex = (v: bigint) => (v & mask).toString(16).padStart(16, '0');
  return [
    `umul=${hex(ua * ub)}`,
    `udiv=${ua / ub} umod=${ua % ub}`,
    `sdiv=${sa / sb} smod=${sa % sb}`, // BigInt division truncates toward zero, like C
    `shl=${hex(ua << shift)} shr=${hex(ua >> shift)} sar=${sa >> shift}`,
    '',
  ].join('\n');
}

function fnptrExpectation(): string {
  const ops: [string, (a: number, b: number) => number][] = [
    ['+', (a, b) => a + b],
    ['-', (a, b) => a - b],
    ['*', (a, b) => a * b],
    ['/', (a, b) => (b === 0 ? 0 : Math.trunc(a / b))],
  ];
  const program = [[0, 7], [2, 6], [1, 2], [3, 4], [2, -3], [3, 0], [0, 100]];
  let acc = 0;
  let text = '';
  for (const [op, v] of program) {
    acc = ops[op][1](acc, v);
    text += `${ops[op][0]}${v} `;
  }
  return `${text}=> ${acc}\n`;
}

const longMessage = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);

export const EXPECTED: Record<string, string> = {
  hello: 'hello from rv32im: 40 + 2 = 42\n',
  sha256: [
    `sha256()=${sha256('')}`,
    `sha256(abc)=${sha256('abc')}`,
    `sha256(448-bit)=${sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')}`,
    `sha256(a*1000)=${sha256('a'.repeat(1000))}`,
    '',
  ].join('\n'),
  keccak: [
    `keccak256()=${keccak(new Uint8Array())}`,
    `keccak256(abc)=${keccak(new TextEncoder().encode('abc'))}`,
    `keccak256(0..299)=${keccak(longMessage)}`,
    '',
  ].join('\n'),
  sort: sortExpectation(),
  int64: int64Expectation(),
  recursion: `fib(20)=${fib(20)} ackermann(2,3)=${ackermann(2, 3)} depth_sum(5000)=${(5000 * 5001) / 2}\n`,
  fnptr: fnptrExpectation(),
  // v = (7i mod 10) sorted descending: 9..0; 3 sits at index 6; areas 3*4 + 5*5.
  cpp_features: 'first=9 sum=45 area=37 text=zkvm arr=123 found=6 missing=0 startup=1234\n',
};

