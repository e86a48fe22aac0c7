import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../server/contract/accounts.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { ftpHome, unitFolders } from '../../server/ftps/homes.ts';

const unit = (id: string, name: string, administrators: string[] = [], members: string[] = []): UnitView => ({
  id,
  name,
  administrators,
  members,
  queues: [],
});
const person = (id: string, role: 'owner' | 'administrator' | 'supervisor' | 'agent', disabled = false) => ({
  id,
  role,
  interfaces: [],
  disabled,
});

describe('FTP homes', () => {
  const units = [unit('u1', 'Sales', ['ann']), unit('u2', 'Support', ['ann', 'bob'], ['sam'])];

  it('gives the Owner and administrators of no unit the whole center, unit administrators their units, others nothing', () => {
    expect(ftpHome(person('own', 'owner'), { units })).toEqual({ kind: 'center' });
    expect(ftpHome(person('wal', 'administrator'), { units })).toEqual({ kind: 'center' });
    expect(ftpHome(person('ann', 'administrator'), { units })).toEqual({
      kind: 'units',
      units: [
        { unitId: 'u1', unit: 'Sales', folder: 'Sales' },
        { unitId: 'u2', unit: 'Support', folder: 'Support' },
      ],
    });
    expect(ftpHome(person('bob', 'administrator'), { units })).toMatchObject({
      kind: 'units',
      units: [{ folder: 'Support' }],
    });
    expect(ftpHome(person('sam', 'supervisor'), { units })).toBeNull();
    expect(ftpHome(person('agt', 'agent'), { units })).toBeNull();
    expect(ftpHome(person('ann', 'administrator', true), { units })).toBeNull();
  });

  it('names folders after units, safe in a path and apart regardless of case', () => {
    const folders = unitFolders([
      unit('a', 'Sales/North'),
      unit('b', 'sales_north'),
      unit('c', '..'),
      unit('d', 'Ops\u0007'),
    ]);
    expect(new Map(folders.map((folder) => [folder.unitId, folder.folder]))).toEqual(
      new Map([
        ['a', 'Sales_North-a'],
        ['b', 'sales_north-b'],
        ['c', 'unit-c'],
        ['d', 'Ops_'],
      ]),
    );
  });
});

describe('FTPS configuration', () => {
  const base = { AMI_USERNAME: 'a', AMI_SECRET: 'b' };

  it('defaults to port 21, a passive range, the host of PUBLIC_URL, and absolute folders', () => {
    const { ftps } = loadConfig({ ...base, PUBLIC_URL: 'https://board.example.com', FILES_DIR: 'files' });
    expect(ftps).toMatchObject({
      port: 21,
      passivePorts: [60_000, 60_099],
      publicHost: 'board.example.com',
      filesDir: `${process.cwd()}/files`,
    });
  });

  it('refuses a passive range that is not first-last of ports from 1024 up, naming the variable', () => {
    for (const range of ['60000', '99-200', '60100-60000', '60000-70000']) {
      expect(() => loadConfig({ ...base, FTPS_PASSIVE_PORTS: range }), range).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, FTPS_PASSIVE_PORTS: range }), range).toThrow(/FTPS_PASSIVE_PORTS/);
    }
  });
});
