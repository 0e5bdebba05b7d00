/**
 * Who is logged in as which account, and who is a bot, in a channel's member list: IRCv3
 * extended-join, account-notify, account-tag and bot mode, against InspIRCd + Atheme (the
 * IRCv3 server here). The other people are raw clients that identify with NickServ.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFieldValue, Member } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { TestAccount } from '../conformance/index.js';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';

const accounts: TestAccount[] = [];
const raws: RawIrcClient[] = [];
let server: RunningIrcv3Server;

beforeAll(async () => {
  server = await startIrcv3Server();
  await server.registerAccount('dana', 'dana-password');
  await server.registerAccount('helper', 'helper-password');
}, 120_000);
afterAll(async () => { await server.stop(); });
afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
  await Promise.all(raws.splice(0).map((r) => r.close()));
});

async function me(nick: string): Promise<TestAccount> {
  const settings: Record<string, AccountFieldValue> = { server: '127.0.0.1', port: server.port, tls: false, nick };
  const account = new TestAccount(ircPlugin, settings, 15_000);
  accounts.push(account);
  await account.connection.connect();
  return account;
}

async function identified(nick: string, password: string): Promise<RawIrcClient> {
  const client = await connectRawIrcClient({ port: server.port, nick });
  raws.push(client);
  client.send(`PRIVMSG NickServ :IDENTIFY ${password}`);
  await client.waitForLine(/ 900 /, 10_000); // RPL_LOGGEDIN
  return client;
}

function memberOf(account: TestAccount, channel: string, id: string): Member | undefined {
  return account.members.get(channel)?.get(id);
}

describe(`accounts and bots in the member list (${ircPlugin.manifest.id})`, () => {
  it('shows the account of a member who joins logged in, follows logout and login, and shows the account rather than the nick', async () => {
    const watcher = await me('watcher');
    await watcher.connection.joinRoom?.({ room: '#accounts' });
    // extended-join: dana joins already identified.
    const dana = await identified('dana', 'dana-password');
    dana.send('JOIN #accounts');
    await watcher.waitFor('dana shown logged in as dana', () => memberOf(watcher, '#accounts', 'dana')?.account === 'dana' || undefined);

    // account-notify: logging out and back in is shown without a rejoin.
    dana.send('PRIVMSG NickServ :LOGOUT');
    await watcher.waitFor('dana shown logged out', () => {
      const member = memberOf(watcher, '#accounts', 'dana');
      return member && member.account === undefined ? member : undefined;
    });
    dana.send('PRIVMSG NickServ :IDENTIFY dana-password');
    await watcher.waitFor('dana shown logged in again', () => memberOf(watcher, '#accounts', 'dana')?.account === 'dana' || undefined);

    // A guest joins unidentified and identifies as another account: the account, not the nick, is shown.
    const guest = await connectRawIrcClient({ port: server.port, nick: 'guest42' });
    raws.push(guest);
    guest.send('JOIN #accounts');
    await watcher.waitFor('guest42 joined without an account', () => {
      const member = memberOf(watcher, '#accounts', 'guest42');
      return member && member.account === undefined ? member : undefined;
    });
    guest.send('PRIVMSG NickServ :IDENTIFY helper helper-password');
    await watcher.waitFor('guest42 shown logged in as helper', () => memberOf(watcher, '#accounts', 'guest42')?.account === 'helper' || undefined);
    expect(memberOf(watcher, '#accounts', 'dana')?.account).toBe('dana');
    expect(watcher.invalidEvents).toEqual([]);
  });

  it('knows the account of members who were there before us (WHOX), follows account-tag, and marks a bot', async () => {
    const dana = await identified('dana', 'dana-password');
    dana.send('JOIN #bots');
    await dana.waitForLine(/ 366 dana #bots /);
    dana.send('MODE dana +B');
    await dana.waitForLine(/ MODE dana :?\+B/);
    const watcher = await me('watcher2');
    await watcher.connection.joinRoom?.({ room: '#bots' });
    // WHOX on join: dana's account is known before dana says anything.
    await watcher.waitFor('dana listed as logged in as dana', () => memberOf(watcher, '#bots', 'dana')?.account === 'dana' || undefined);
    const guest = await connectRawIrcClient({ port: server.port, nick: 'guest7' });
    raws.push(guest);
    guest.send('JOIN #bots');
    await watcher.waitFor('guest7 listed without an account', () => {
      const member = memberOf(watcher, '#bots', 'guest7');
      return member && member.account === undefined ? member : undefined;
    });
    dana.send('PRIVMSG #bots :beep, I am a bot');
    await watcher.waitForMessage('the bot\'s line', (m) => m.conversationId === '#bots' && m.body === 'beep, I am a bot');
    const member = await watcher.waitFor('dana shown as a bot logged in as dana', () => {
      const m = memberOf(watcher, '#bots', 'dana');
      return m?.bot === true && m.account === 'dana' ? m : undefined;
    });
    expect(member).toMatchObject({ id: 'dana', displayName: 'dana', account: 'dana', bot: true });
    expect(watcher.invalidEvents).toEqual([]);
  });
});
