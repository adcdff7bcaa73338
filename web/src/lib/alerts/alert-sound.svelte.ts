const STORAGE_KEY = 'komek.wall.sound';

/** A short two-tone chime: frequency (Hz) and start offset (s) of each note. */
const CHIME: ReadonlyArray<{ hz: number; at: number }> = [
  { hz: 880, at: 0 },
  { hz: 660, at: 0.22 },
];
const NOTE_S = 0.18;

function storedEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * The wall's optional alert sound: off by default, remembered in this browser. Synthesised with Web
 * Audio, so there is no file to fetch. Browsers start audio only after a user gesture; a kiosk
 * reloaded with sound on shows `blocked` until someone presses the control (or is started with
 * Chromium's `--autoplay-policy=no-user-gesture-required`).
 */
class AlertSound {
  enabled = $state(storedEnabled());
  /** The browser holds the audio back until a gesture. */
  blocked = $state(false);
  #context: AudioContext | null = null;

  /** The control: allows audio when blocked, else switches the sound on or off (and chimes when on). */
  toggle(): void {
    if (this.enabled && this.blocked) return void this.#unblock();
    this.enabled = !this.enabled;
    try {
      localStorage.setItem(STORAGE_KEY, this.enabled ? 'on' : 'off');
    } catch {
      // A locked-down kiosk: the choice lasts for this page only.
    }
    if (this.enabled) this.play();
  }

  /** Chimes once when the sound is on. */
  play(): void {
    if (!this.enabled || typeof AudioContext === 'undefined') return;
    this.#context ??= new AudioContext();
    const context = this.#context;
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    this.blocked = context.state !== 'running';
    const start = context.currentTime + 0.02;
    for (const note of CHIME) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = note.hz;
      gain.gain.setValueAtTime(0.0001, start + note.at);
      gain.gain.exponentialRampToValueAtTime(0.3, start + note.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + NOTE_S);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + NOTE_S + 0.02);
    }
  }

  #unblock(): void {
    void this.#context?.resume().then(() => (this.blocked = false));
  }
}

/** The one alert sound of the app. */
export const alertSound = new AlertSound();
