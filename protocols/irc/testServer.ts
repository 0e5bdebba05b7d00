/**
 * Test support (not part of the plugin): a scripted IRC server on 127.0.0.1 for what the
 * real servers on this machine cannot do or cannot be made to do on purpose: the
 * CHATHISTORY command (no server installable here implements it), garbage and floods.
 * It negotiates the capabilities it is given, registers the client, echoes PRIVMSGs with
 * msgid/label/time when echo-message is on, and answers CHATHISTORY from its own log.
 */
import net from 'node:net';

export interface ScriptedServerOptions {
  /** Capabilities offered in CAP LS, e.g. "echo-message labeled-response message-tags batch server-time draft/chathistory". */
  readonly caps?: string;
  /** Extra ISUPPORT tokens, e.g. "CHATHISTORY=100 MONITOR=100". */
  readonly isupport?: string;
  /**
   * Refuse a PRIVMSG instead of echoing it: the reply line (without tags) for a target, or
   * undefined to accept. The client's label is added when labeled-response is on.
   */
  readonly refuse?: (target: string, nick: string) => string | undefined;
  /** Nicks the server says are online (MONITOR 730/731, ISON 303). */
  readonly online?: readonly string[];
  /** How many MONITOR entries the server really accepts per client (734 beyond); unlimited by default. */
  readonly monitorLimit?: number;
  /** Refuse a CHATHISTORY subcommand with FAIL and this description, or undefined to answer. */
  readonly refuseHistory?: (subcommand: string) => string | undefined;
  /**
   * Commands scripted by a test (SASL, REDACT, …): called first for every line; true when it
   * answered the line itself.
   */
  readonly command?: (client: ScriptedClient, line: ScriptedLine) => boolean;
}

/** One connected client, as a test's {@link ScriptedServerOptions.command} sees it. */
export interface ScriptedClient {
  readonly nick: string;
  /** Capabilities the client enabled. */
  readonly enabled: ReadonlySet<string>;
  send(line: string): void;
}

export interface ScriptedLine {
  readonly command: string;
  readonly params: readonly string[];
  /** The last parameter (after " :", else the last word). */
  readonly trailing: string;
  /** The client's message tags, unparsed ("a=1;+b=2"), empty without. */
  readonly tags: string;
}

export interface LoggedMessage {
  readonly from: string;
  readonly target: string;
  readonly text: string;
  readonly msgid: string;
  readonly time: number;
}

export interface ScriptedServer {
  readonly port: number;
  /** Lines received from clients, without CR LF. */
  readonly received: string[];
  /** Messages kept for CHATHISTORY, oldest first. */
  readonly log: LoggedMessage[];
  /** Write bytes (or a string, UTF-8) to every registered client. */
  push(data: string | Buffer): void;
  /** Add a message to the history log (as if sent while the client was away). */
  remember(from: string, target: string, text: string, time?: number): LoggedMessage;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Offer more capabilities (CAP NEW to every client, https://ircv3.net/specs/extensions/capability-negotiation#cap-new). */
  offer(caps: string): void;
  /** Close every client connection (a network failure). */
  cut(): void;
  close(): Promise<void>;
}

let msgidCounter = 0;

export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const offered = new Set((options.caps ?? '').split(' ').filter(Boolean).map((c) => c.split('=')[0] ?? c));
  const received: string[] = [];
  const log: LoggedMessage[] = [];
  const sockets = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const listeners = new Set<() => void>();

  const iso = (time: number): string => new Date(time).toISOString();
  const remember = (from: string, target: string, text: string, time = Date.now()): LoggedMessage => {
    const entry = { from, target, text, msgid: `m${++msgidCounter}`, time };
    log.push(entry);
    return entry;
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      clients.delete(socket);
    });
    socket.on('error', () => undefined);
    const enabled = new Set<string>();
    const monitoring = new Set<string>();
    const isOnline = (n: string): boolean => (options.online ?? []).some((o) => o.toLowerCase() === n.toLowerCase());
    let nick = '';
    let user = false;
    let negotiating = false;
    let welcomed = false;
    let buffer = '';
    const send = (line: string): void => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    const welcome = (): void => {
      if (welcomed || !nick || !user || negotiating) return;
      welcomed = true;
      clients.add(socket);
      send(`:scripted.test 001 ${nick} :Welcome`);
      send(`:scripted.test 005 ${nick} ${options.isupport ?? ''} :are supported`);
      send(`:scripted.test 422 ${nick} :No MOTD`);
    };
    const tags = (entry: LoggedMessage): string =>
      [enabled.has('message-tags') ? `msgid=${entry.msgid}` : '', enabled.has('server-time') ? `time=${iso(entry.time)}` : ''].filter(Boolean).join(';');
    const handle = (line: string): void => {
      received.push(line);
      for (const listener of [...listeners]) listener();
      let rest = line;
      let clientTags = '';
      if (rest.startsWith('@')) {
        const space = rest.indexOf(' ');
        clientTags = rest.slice(1, space);
        rest = rest.slice(space + 1);
      }
      const [command = '', ...params] = rest.split(' ');
      const trailing = rest.includes(' :') ? rest.slice(rest.indexOf(' :') + 2) : params.at(-1) ?? '';
      if (options.command?.({ nick, enabled, send }, { command, params, trailing, tags: clientTags })) return;
      switch (command) {
        case 'CAP':
          if (params[0] === 'LS') {
            negotiating = true;
            send(`:scripted.test CAP * LS :${options.caps ?? ''}`);
          } else if (params[0] === 'REQ') {
            const wanted = trailing.split(' ').filter(Boolean);
            const ok = wanted.every((c) => offered.has(c));
            if (ok) for (const c of wanted) enabled.add(c);
            send(`:scripted.test CAP * ${ok ? 'ACK' : 'NAK'} :${trailing}`);
          } else if (params[0] === 'END') {
            negotiating = false;
            welcome();
          }
          break;
        case 'NICK':
          nick = params[0] ?? '';
          welcome();
          break;
        case 'USER':
          user = true;
          welcome();
          break;
        case 'PING':
          send(`:scripted.test PONG scripted.test :${trailing}`);
          break;
        case 'PRIVMSG': {
          const label = /(?:^|;)label=([^;]*)/.exec(clientTags)?.[1];
          const refusal = options.refuse?.(params[0] ?? '', nick);
          if (refusal !== undefined) {
            send(`${label !== undefined && enabled.has('labeled-response') ? `@label=${label} ` : ''}${refusal}`);
            break;
          }
          const entry = remember(nick, params[0] ?? '', trailing);
          if (enabled.has('echo-message')) {
            const all = [tags(entry), label !== undefined && enabled.has('labeled-response') ? `label=${label}` : ''].filter(Boolean).join(';');
            send(`${all ? `@${all} ` : ''}:${nick}!u@h PRIVMSG ${entry.target} :${trailing}`);
          }
          break;
        }
        case 'MONITOR': {
          // https://ircv3.net/specs/extensions/monitor: + adds (734 ERR_MONLISTFULL beyond the limit), - removes.
          const targets = (params[1] ?? '').replace(/^:/, '').split(',').filter(Boolean);
          if (params[0] === '-') for (const t of targets) monitoring.delete(t.toLowerCase());
          if (params[0] !== '+') break;
          const limit = options.monitorLimit ?? Infinity;
          const accepted = targets.filter((t) => monitoring.size < limit && monitoring.add(t.toLowerCase()));
          const refused = targets.filter((t) => !accepted.includes(t));
          if (refused.length > 0) send(`:scripted.test 734 ${nick} ${limit} ${refused.join(',')} :Monitor list is full.`);
          const on = accepted.filter(isOnline);
          const off = accepted.filter((t) => !isOnline(t));
          if (on.length > 0) send(`:scripted.test 730 ${nick} :${on.map((t) => `${t}!u@h`).join(',')}`);
          if (off.length > 0) send(`:scripted.test 731 ${nick} :${off.join(',')}`);
          break;
        }
        case 'ISON':
          send(`:scripted.test 303 ${nick} :${params.map((p) => p.replace(/^:/, '')).filter(isOnline).join(' ')}`);
          break;
        case 'JOIN':
          send(`:${nick}!u@h JOIN ${params[0] ?? ''}`);
          send(`:scripted.test 353 ${nick} = ${params[0] ?? ''} :@${nick}`);
          send(`:scripted.test 366 ${nick} ${params[0] ?? ''} :End of NAMES`);
          break;
        case 'CHATHISTORY': {
          // https://ircv3.net/specs/extensions/chathistory: LATEST/BEFORE <target> <*|timestamp=|msgid=> <limit>
          const [sub = '', target = '', reference = '', limitText = '0'] = params;
          const refused = options.refuseHistory?.(sub);
          if (refused !== undefined) {
            send(`:scripted.test FAIL CHATHISTORY MESSAGE_ERROR ${sub} ${target} :${refused}`);
            break;
          }
          const limit = Number(limitText);
          const lower = (text: string): string => text.toLowerCase();
          // A channel's history, or the private conversation between us and the target nick.
          const mine = log.filter((m) => (target.startsWith('#') ? lower(m.target) === lower(target)
            : (lower(m.from) === lower(target) && lower(m.target) === lower(nick)) || (lower(m.from) === lower(nick) && lower(m.target) === lower(target))));
          let chosen: LoggedMessage[];
          const refTime = reference.startsWith('timestamp=') ? Date.parse(reference.slice(10))
            : reference.startsWith('msgid=') ? mine.find((m) => m.msgid === reference.slice(6))?.time ?? NaN : NaN;
          if (sub === 'TARGETS') {
            // CHATHISTORY TARGETS <from> <to> <limit>: the targets with messages in the window, for us.
            const from = Date.parse(target.replace(/^timestamp=/, ''));
            const to = Date.parse(reference.replace(/^timestamp=/, ''));
            const latest = new Map<string, number>();
            for (const m of log) {
              if (m.time <= from || m.time >= to) continue;
              const other = m.target.startsWith('#') ? m.target : m.target.toLowerCase() === nick.toLowerCase() ? m.from : m.target;
              latest.set(other, Math.max(latest.get(other) ?? 0, m.time));
            }
            const batch = `t${++msgidCounter}`;
            send(`:scripted.test BATCH +${batch} draft/chathistory-targets`);
            for (const [other, time] of latest) send(`@batch=${batch} :scripted.test CHATHISTORY TARGETS ${other} ${iso(time)}`);
            send(`:scripted.test BATCH -${batch}`);
            break;
          }
          if (sub === 'LATEST') chosen = (reference === '*' ? mine : mine.filter((m) => m.time > refTime)).slice(-limit);
          else if (sub === 'BEFORE') chosen = mine.filter((m) => m.time < refTime).slice(-limit);
          else {
            send(`FAIL CHATHISTORY INVALID_PARAMS ${sub} :Unknown subcommand`);
            break;
          }
          const batch = `h${++msgidCounter}`;
          send(`:scripted.test BATCH +${batch} chathistory ${target}`);
          for (const m of chosen) send(`@batch=${batch};${tags(m)} :${m.from}!u@h PRIVMSG ${m.target} :${m.text}`);
          send(`:scripted.test BATCH -${batch}`);
          break;
        }
        case 'QUIT':
          socket.end();
          break;
        default:
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const line = buffer.slice(0, index).replace(/\r$/, '');
        buffer = buffer.slice(index + 1);
        handle(line);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port, received, log, remember,
    push(data: string | Buffer): void {
      for (const socket of clients) socket.write(data);
    },
    waitForLine(pattern: RegExp, timeoutMs = 5_000): Promise<string> {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const line = received.find((l) => pattern.test(l));
          if (line === undefined) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(line);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no client line matching ${String(pattern)}; got:\n${received.slice(-10).join('\n')}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    offer(caps: string): void {
      for (const cap of caps.split(' ').filter(Boolean)) offered.add(cap.split('=')[0] ?? cap);
      for (const socket of clients) socket.write(`:scripted.test CAP * NEW :${caps}\r\n`);
    },
    cut(): void {
      for (const socket of sockets) socket.destroy();
    },
    close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
