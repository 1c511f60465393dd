/**
 * Runs before first paint so a dark-theme user never sees a white flash. The choice
 * ("light", "dark" or "system") lives in localStorage; "system" follows the OS.
 */
const script = `(function(){try{var c=localStorage.getItem("fleetdeck-theme")||"system";var d=c==="dark"||(c==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=c}catch(e){}})()`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
