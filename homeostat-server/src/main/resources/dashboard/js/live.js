// The live event stream (SSE) at /api/v1/events. EventSource sends the session cookie and
// reconnects by itself; the page shows whether it is connected. Events sent while it was not are
// lost (the server also disconnects a page that falls more than 4 MiB behind), so a reconnection
// tells the page to load everything again.

let source = null;

/**
 * Connects and calls onEvent(type, data) for every event of the given types;
 * onState('connecting' | 'on' | 'off') as the connection changes; onResume() when it opens again
 * after a break (not on the first opening).
 */
export function connect(types, onEvent, onState, onResume) {
  disconnect();
  onState('connecting');
  let opened = false;
  source = new EventSource('/api/v1/events');
  source.onopen = () => {
    onState('on');
    if (opened) {
      onResume();
    }
    opened = true;
  };
  source.onerror = () => onState(source && source.readyState === EventSource.CLOSED ? 'off' : 'connecting');
  for (const type of types) {
    source.addEventListener(type, (message) => {
      let data = null;
      try {
        data = JSON.parse(message.data);
      } catch (notJson) {
        data = message.data;
      }
      onEvent(type, data);
    });
  }
}

export function disconnect() {
  if (source) {
    source.close();
    source = null;
  }
}
