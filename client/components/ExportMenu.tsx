import { useEffect, useRef, useState } from "react";
import { api } from "../api/rest";

/** Downloads in every published format, and a printable page for PDF. */
export function ExportMenu({ meetingId }: { meetingId: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const items: [string, string][] = [
    ["Agenda-item text (the committee's house style)", api.exportUrl(meetingId, "text")],
    ["Agenda-item text (rich, as published)", api.exportUrl(meetingId, "text", "rich")],
    ["Agenda-item text (compact)", api.exportUrl(meetingId, "text", "compact")],
    ["Word document (.docx)", api.exportUrl(meetingId, "docx")],
    ["Web page (HTML)", api.exportUrl(meetingId, "html")],
    ["Markdown", api.exportUrl(meetingId, "md")],
  ];
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn btn-quiet" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {items.map(([label, href]) => (
            <li key={label} role="none">
              <a role="menuitem" href={href} download>
                {label}
              </a>
            </li>
          ))}
          <li role="none">
            <a role="menuitem" href={`/public/${meetingId}?print=1`} target="_blank" rel="noreferrer">
              Print or save as PDF…
            </a>
          </li>
        </ul>
      )}
    </div>
  );
}
