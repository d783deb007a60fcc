// Presenter mode on the public scoreboard: while the jury's resolver broadcasts (docs/contest-api.md, "The closing
// ceremony"), the board shown is the presenter's, step by step, so that the audience's phones and the hall's
// projector reveal together. The page's one event feed carries `khue-presentation` events that only say the
// presenter moved; the board itself comes from GET .../presentation, which holds exactly what the presenter
// revealed (never more). When the presentation ends the page goes back to the server's public scoreboard.
import { addStrings, coalesce, get } from './common.js';

addStrings({
  vi: { 'presentation.on': 'Đang công bố kết quả: bước {k} / {n}', 'presentation.done': 'Kết quả chung cuộc' },
  en: { 'presentation.on': 'Results being revealed: step {k} / {n}', 'presentation.done': 'Final standings' },
});

// onChange(data) runs after each change: data is {step, total, done, rows, fixed, focus}, or null when no
// presentation is on.
export function startPresentation(contestId, onChange) {
  let data = null;
  const load = async () => {
    try {
      const answer = await get(`khue/contests/${encodeURIComponent(contestId)}/presentation`, { withAuth: false });
      data = answer?.active ? answer : null;
    } catch {
      return; // an older server, or a moment offline: keep what we show
    }
    onChange(data);
  };
  const reload = coalesce(load, 150);
  return {
    load,
    get data() {
      return data;
    },
    // The feed said the presenter moved (or stopped).
    handle: () => reload(),
  };
}
