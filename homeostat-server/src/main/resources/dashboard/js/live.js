// The live event stream (SSE) at /api/v1/events. EventSource sends the session cookie and
// reconnects by itself after a network break; after an error answer (503 when the server has as
// many live clients as it takes) it gives up, and this tries again every 10 s. The page shows
// whether it is connected. Events sent while it was not are
// lost (the server also disconnects a page that falls more than 4 MiB behind), so a reconnection
// tells the page to load everything again.

/** How long the page waits before it connects again after the server refused the stream. */
const RETRY_MS = 10_000;

let source = null;
let retry = null;

/**
 * Connects and calls onEvent(type, data) for every event of the given types;
 * onState('connecting' | 'on' | 'off') as the connection changes; onResume() when it opens again
 * after a break (not on the first opening).
 */
export function connect(types, onEvent, onState, onResume) {
  disconnect();
  let opened = false;
  const open = () => {
    retry = null;
    onState('connecting');
    const stream = new EventSource('/api/v1/events');
    source = stream;
    stream.onopen = () => {
      onState('on');
      if (opened) {
        onResume();
      }
      opened = true;
    };
    stream.onerror = () => {
      if (stream.readyState !== EventSource.CLOSED) {
        onState('connecting'); // a network break: EventSource tries again by itself
        return;
      }
      // The server answered with an error (503 while it has as many live clients as it takes, 401
      // once the session ended), after which EventSource gives up: try again later ourselves.
      stream.close();
      source = null;
      onState('off');
      retry = setTimeout(open, RETRY_MS);
    };
    for (const type of types) {
      stream.addEventListener(type, (message) => {
        let data = null;
        try {
          data = JSON.parse(message.data);
        } catch (notJson) {
          data = message.data;
        }
        onEvent(type, data);
      });
    }
  };
  open();
}

export function disconnect() {
  if (retry) {
    clearTimeout(retry);
    retry = null;
  }
  if (source) {
    source.close();
    source = null;
  }
}
