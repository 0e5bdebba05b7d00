import { describe, expect, it, vi } from 'vitest';
import { CoreStartError } from './coreProcessClient.js';
import { startCoreAsking, type DialogLike } from './startupProblems.js';

const core = { bridge: {}, pluginFailures: [] };

function dialog(answers: number[]): DialogLike & { boxes: string[][]; errors: string[] } {
  const boxes: string[][] = [];
  const errors: string[] = [];
  return {
    boxes,
    errors,
    showMessageBox: vi.fn((options: { buttons: string[]; detail?: string }) => {
      boxes.push([options.detail ?? '', ...options.buttons]);
      return Promise.resolve({ response: answers.shift() ?? options.buttons.length - 1 });
    }),
    showErrorBox: (title, content) => { errors.push(`${title}: ${content}`); },
  };
}

describe('starting the core in the desktop app', () => {
  it('asks what to do about a damaged database and starts again with the answer', async () => {
    const problem = new CoreStartError('Switchboard could not open its database.', 'The database /p/switchboard.sqlite is damaged (file is not a database).', ['recover', 'restore-backup', 'start-fresh']);
    const create = vi.fn().mockRejectedValueOnce(problem).mockResolvedValueOnce(core);
    const shown = dialog([1]);
    expect(await startCoreAsking(create, shown)).toBe(core);
    expect(shown.boxes).toEqual([['The database /p/switchboard.sqlite is damaged (file is not a database).', 'Recover what can be read', 'Restore the latest backup', 'Start with an empty database', 'Quit']]);
    expect(create.mock.calls).toEqual([[undefined], ['restore-backup']]);
  });

  it('quits when the user says so, touching nothing', async () => {
    const create = vi.fn().mockRejectedValue(new CoreStartError('empty', 'empty', ['start-fresh']));
    expect(await startCoreAsking(create, dialog([1]))).toBeUndefined();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('shows any other failure in a dialog with the file and the cause', async () => {
    const shown = dialog([]);
    const create = vi.fn().mockRejectedValue(new CoreStartError('This profile is in use by process 4242 (/home/u/.config/Switchboard). Quit the other Switchboard, or start this one with another profile.', '', []));
    expect(await startCoreAsking(create, shown)).toBeUndefined();
    expect(shown.errors).toEqual(['Switchboard could not start: This profile is in use by process 4242 (/home/u/.config/Switchboard). Quit the other Switchboard, or start this one with another profile.']);
  });
});
