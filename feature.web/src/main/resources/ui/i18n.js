// English and Italian (the manufacturer's language), chosen by the browser or the switch (issue 18).
"use strict";
const TEXTS = {
  en: {
    switchLanguage: "Italiano", logout: "Log out", loginTitle: "Log in", user: "User", password: "Password",
    loginButton: "Log in", home: "Home", mode: "Mode", power: "Power", energy: "Session energy",
    current: "Offered current", limitedBy: "Limited by", error: "Error", pause: "Pause", resume: "Resume",
    wrongLogin: "Wrong user name or password.", tooMany: "Too many failed logins: retry in {0} s.",
    expired: "The session has expired: log in again.", none: "none", coreDown: "The charging core is not running.",
    states: {
      INITIALISING: "Device initialization in progress", NOT_ENABLED: "Charging not enabled",
      OUT_OF_SERVICE: "Device out of service", VEHICLE_NOT_CONNECTED: "Vehicle not connected",
      WAITING_FOR_AUTHENTICATION: "Vehicle connected but user not yet authenticated",
      WAITING_FOR_CURRENT: "Vehicle connected but charge current not yet available",
      CHARGING: "Charging in progress", PAUSED: "Charging paused", TERMINATED: "Charging terminated",
      ERROR: "Error encountered", UPDATING: "Firmware update in progress"
    },
    modes: { FAST: "Fast", GREEN: "Green", PROGRAMMED: "Programmed", OCPP: "OCPP", OFF: "Off" }
  },
  it: {
    switchLanguage: "English", logout: "Esci", loginTitle: "Accesso", user: "Utente", password: "Password",
    loginButton: "Accedi", home: "Home", mode: "Modalità", power: "Potenza", energy: "Energia della sessione",
    current: "Corrente offerta", limitedBy: "Limitata da", error: "Errore", pause: "Pausa", resume: "Riprendi",
    wrongLogin: "Nome utente o password errati.", tooMany: "Troppi accessi falliti: riprova tra {0} s.",
    expired: "La sessione è scaduta: accedi di nuovo.", none: "nessuno", coreDown: "Il controllo della ricarica non è attivo.",
    states: {
      INITIALISING: "Inizializzazione del dispositivo in corso", NOT_ENABLED: "Ricarica non abilitata",
      OUT_OF_SERVICE: "Dispositivo fuori servizio", VEHICLE_NOT_CONNECTED: "Veicolo non collegato",
      WAITING_FOR_AUTHENTICATION: "Veicolo collegato ma utente non ancora autenticato",
      WAITING_FOR_CURRENT: "Veicolo collegato ma corrente di ricarica non ancora disponibile",
      CHARGING: "Ricarica in corso", PAUSED: "Ricarica in pausa", TERMINATED: "Ricarica terminata",
      ERROR: "Errore rilevato", UPDATING: "Aggiornamento firmware in corso"
    },
    modes: { FAST: "Veloce", GREEN: "Green", PROGRAMMED: "Programmata", OCPP: "OCPP", OFF: "Spenta" }
  }
};

function chosenLanguage() {
  const saved = localStorage.getItem("lang");
  if (saved === "en" || saved === "it") return saved;
  return (navigator.language || "en").toLowerCase().startsWith("it") ? "it" : "en";
}

function t(key, ...args) {
  const text = TEXTS[chosenLanguage()][key] ?? TEXTS.en[key] ?? key;
  return typeof text === "string" ? text.replace(/\{(\d)\}/g, (_, i) => args[i]) : text;
}

function applyLanguage() {
  document.documentElement.lang = chosenLanguage();
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
}
