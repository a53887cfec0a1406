"""The citizen kiosk: a full-screen touch UI that issues tickets and offers self-service help.

Layers (see design §8), each importing only those before it:

- Qt-free services: `visit` (the visit as a state machine), `snapshot`, `wording`, `tiles`,
  `details`, `guide_page`, `content`, `shown` (what the screen shows), `backend`, `output`,
  `guides`, `local_site`, `cache`, `texts`, `theme`, `geometry`, `idle`, `outcomes`;
- Qt view-model: `link` (the branch, live), `presented` (the properties), `viewmodel`
  (the slots; registered for QML as `DinTur.Kiosk`);
- QML presentation (`qml/`), and the composition root (`app`, `main`, `run`).
"""
