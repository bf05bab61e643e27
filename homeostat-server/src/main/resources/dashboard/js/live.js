// The live event stream (SSE) at /api/v1/events. EventSource sends the session cookie and
// reconnects by itself; the page shows whether it is connected.

let source = null;

/**
 * Connects and calls onEvent(type, data) for every event of the given types;
 * onState('connecting' | 'on' | 'off') as the connection changes.
 */
export function connect(types, onEvent, onState) {
  disconnect();
  onState('connecting');
  source = new EventSource('/api/v1/events');
  source.onopen = () => onState('on');
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
