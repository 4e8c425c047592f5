import { describe, expect, it } from 'vitest';
import { ContractChecker } from './contract.js';

const checker = new ContractChecker();

describe('ContractChecker', () => {
  it('accepts a request body that follows GitHub description', () => {
    expect(checker.checkRequest('POST', '/repos/{owner}/{repo}/dispatches', { event_type: 'sync', client_payload: { a: 1 } })).toEqual([]);
  });

  it('names the broken rule of a request body', () => {
    const problems = checker.checkRequest('POST', '/repos/{owner}/{repo}/dispatches', { client_payload: {} });
    expect(problems.join('\n')).toMatch(/event_type/);
  });

  it('rejects a response missing required fields', () => {
    const problems = checker.checkResponse('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 200, { ref: 'refs/heads/main' });
    expect(problems.join('\n')).toMatch(/must have required property 'node_id'/);
  });

  it('treats OpenAPI nullable as null-or-type', () => {
    const label = { id: 1, node_id: 'L', url: 'http://127.0.0.1/l', name: 'bug', description: null, color: 'ff0000', default: false };
    expect(checker.checkResponse('GET', '/repos/{owner}/{repo}/labels/{name}', 200, label)).toEqual([]);
    expect(checker.checkResponse('GET', '/repos/{owner}/{repo}/labels/{name}', 200, { ...label, name: null })).not.toEqual([]);
  });

  it('flags a success status GitHub does not document and an unknown operation', () => {
    expect(checker.checkResponse('POST', '/repos/{owner}/{repo}/dispatches', 200, {})).toEqual(['status 200 is not documented for POST /repos/{owner}/{repo}/dispatches']);
    expect(checker.checkRequest('GET', '/no/such/path', undefined)[0]).toMatch(/not an operation/);
  });

  it('does not judge undocumented error statuses', () => {
    expect(checker.checkResponse('POST', '/repos/{owner}/{repo}/dispatches', 503, { message: 'x' })).toEqual([]);
  });
});
