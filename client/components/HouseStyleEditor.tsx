import { useEffect, useMemo, useState } from "react";
import { exportItemText, STYLE_SAMPLE, type HouseStyle, type NumberLayout } from "../../shared/format";
import { api } from "../api/rest";

const NUMBERINGS = ["(1)", "1.", "1)", "(a)", "a)", "(i)"];
const PUNCTUATIONS = [" – ", " - ", "- ", ": ", " that:", ", that:", " "];
const NUMBER_LAYOUTS: [NumberLayout, string][] = [
  ["inline-dot", "7. Title"],
  ["inline", "7 Title"],
  ["own-line-dot", "7. on its own line, title below"],
  ["own-line", "7 on its own line, title below"],
  ["apart", "No number beside the title"],
];
const FLAGS: [keyof HouseStyle, string][] = [
  ["header", "Each item opens with an “Agenda item” line"],
  ["keywordAlone", "The keyword stands on its own line, the wording below"],
  ["resolutionBullets", "Resolutions under the keyword are bulleted"],
  ["paragraphNumberAlone", "A minute paragraph's number stands on its own line"],
  ["decisionNumbered", "The decision is itself the next numbered paragraph"],
  ["trailer", "Each item ends with “Supporting documents:” even when it lists none"],
];

/** Shows how a committee's minutes are written, with a sample item printed in its style; managers may change it. */
export function HouseStyleEditor({ committee, canEdit }: { committee: string; canEdit: boolean }) {
  const [style, setStyle] = useState<HouseStyle | null>(null);
  const [standard, setStandard] = useState(true);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let current = true;
    api.houseStyle(committee).then(
      (r) => {
        if (!current) return;
        setStyle(r.style);
        setStandard(r.standard);
      },
      (error: Error) => current && setMessage({ ok: false, text: `Could not read the house style: ${error.message}` }),
    );
    return () => {
      current = false;
    };
  }, [committee]);
  const preview = useMemo(() => (style ? exportItemText(STYLE_SAMPLE, { style }) : ""), [style]);
  if (!style) return message ? <p className="banner banner-error">{message.text}</p> : <p className="hint">Reading the house style…</p>;

  const set = (patch: Partial<HouseStyle>) => {
    setStyle({ ...style, ...patch });
    setMessage(null);
  };
  const text = (key: "keyword" | "punctuation" | "minutes" | "bullet", label: string, options?: string[]) => (
    <div className="form-field">
      <label htmlFor={`hs-${key}`}>{label}</label>
      <input
        id={`hs-${key}`}
        className="input"
        value={style[key]}
        list={options ? `hs-${key}-options` : undefined}
        readOnly={!canEdit}
        onChange={(e) => set({ [key]: e.target.value })}
      />
      {options && (
        <datalist id={`hs-${key}-options`}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
    </div>
  );
  return (
    <form
      aria-label={`House style for ${committee}`}
      onSubmit={(e) => {
        e.preventDefault();
        api.saveHouseStyle(committee, style).then(
          () => {
            setStandard(false);
            setMessage({ ok: true, text: `Saved. Every export of ${committee}'s minutes is now written in this style.` });
          },
          (error: Error) => setMessage({ ok: false, text: error.message }),
        );
      }}
    >
      <p className="hint">
        {standard
          ? `${committee} has no house style of its own yet: exports use the standard one. An agenda or minutes imported into one of its meetings sets it.`
          : `How ${committee}'s published minutes are written. Every export uses it.`}
      </p>
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <div className="field-row">
          {text("keyword", "Decision keyword", ["RESOLVED", "Resolved", "AGREED", "Decision", "UNANIMOUSLY RESOLVED"])}
          {text("punctuation", "After the keyword", PUNCTUATIONS)}
        </div>
        <div className="field-row">
          <div className="form-field">
            <label htmlFor="hs-numbering">Several resolutions numbered</label>
            <select id="hs-numbering" className="input" value={style.numbering} onChange={(e) => set({ numbering: e.target.value })}>
              {[...new Set([style.numbering, ...NUMBERINGS])].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="hs-comments">Discussion comments</label>
            <select
              id="hs-comments"
              className="input"
              value={style.commentNumbering}
              onChange={(e) => set({ commentNumbering: e.target.value })}
            >
              <option value="">Bulleted</option>
              {[...new Set([style.commentNumbering, ...NUMBERINGS].filter(Boolean))].map((n) => (
                <option key={n} value={n}>
                  Numbered {n}
                </option>
              ))}
            </select>
          </div>
          {text("bullet", "Bullet mark", ["·", "•", "-", "–"])}
        </div>
        <div className="field-row">
          {text("minutes", "Line before the minutes (empty for none)", ["Minutes:", "Minutes", ""])}
          <div className="form-field">
            <label htmlFor="hs-number">Item number</label>
            <select id="hs-number" className="input" value={style.number} onChange={(e) => set({ number: e.target.value as NumberLayout })}>
              {NUMBER_LAYOUTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="hs-variant">Layout</label>
            <select
              id="hs-variant"
              className="input"
              value={style.variant}
              onChange={(e) => set({ variant: e.target.value as HouseStyle["variant"] })}
            >
              <option value="rich">Rich (blank lines between paragraphs, as published pages)</option>
              <option value="compact">Compact (one line per paragraph)</option>
            </select>
          </div>
        </div>
        {FLAGS.map(([key, label]) => (
          <label key={key} style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
            <input type="checkbox" checked={style[key] === true} onChange={(e) => set({ [key]: e.target.checked })} /> {label}
          </label>
        ))}
      </fieldset>
      <h3>Sample item in this style</h3>
      <pre className="style-preview" aria-label="Sample item in this style">
        {preview}
      </pre>
      {message && (
        <p className={`banner ${message.ok ? "banner-ok" : "banner-error"}`} role="status">
          {message.text}
        </p>
      )}
      {canEdit && (
        <button type="submit" className="btn btn-primary">
          Save house style
        </button>
      )}
    </form>
  );
}
