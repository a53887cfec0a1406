"""Speech: every screen and the ticket read aloud in the citizen's language; without an
engine or a voice it degrades quietly."""

from __future__ import annotations

from typing import Any

from kiosk_driver import KioskFactory

from kiosk.speech import FakeSpeech, QtSpeech
from tests.support.servers import LiveServer


def test_screens_and_the_ticket_are_read_aloud(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    speech = FakeSpeech()
    k = make_kiosk(app_server, speech=speech)
    assert speech.said == []  # off until the citizen asks
    k.tap("toggle_speech")
    lang, text = speech.said[-1]
    assert lang == "da" and "Velkommen til Dokk1 (demo)" in text and "Dansk" in text

    k.tap("lang_en")
    k.screen("menu")
    lang, text = speech.said[-1]
    assert lang == "en" and text.startswith("What do you need help with?")
    assert "Citizen service" in text

    k.tap("tile_group_borgerservice")
    k.tap("tile_service_korekort")
    k.screen("confirm")
    assert "Driving licence" in speech.said[-1][1]
    k.tap("btn_paperless")
    k.screen("ticket")
    lang, text = speech.said[-1]
    assert lang == "en"
    assert text.startswith("Your number is K 1. Driving licence")
    assert "scan the code with your phone" in text

    k.tap("btn_home")
    k.screen("start")
    assert not k.vm.speechOn  # the next citizen starts quiet
    assert speech.stops >= 1


def test_a_language_without_a_voice_is_read_in_english(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    speech = FakeSpeech(languages=("da", "en"))
    k = make_kiosk(app_server, speech=speech)
    k.tap("toggle_speech")
    k.tap("lang_ar")
    k.screen("menu")
    assert k.item("heading").property("text") == "بماذا نستطيع مساعدتك؟"  # the screen: Arabic
    lang, text = speech.said[-1]
    assert lang == "en" and text.startswith("What do you need help with?")  # the voice: English


def test_read_aloud_button_turns_speech_on_and_idle_warning_is_heard(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    speech = FakeSpeech()
    k = make_kiosk(app_server, speech=speech)
    k.tap("lang_da")
    k.screen("menu")
    assert speech.said == []
    k.tap("btn_read")
    assert k.vm.speechOn and speech.said[-1][1].startswith("Hvad skal du have hjælp til?")
    k.idle_ticks(30)
    assert speech.chimes == 1
    assert speech.said[-1] == (
        "da",
        "Er du her stadig? Om 10 sekunder går skærmen tilbage til start.",
    )


def test_no_engine_is_quiet(qtbot: Any) -> None:
    speech = QtSpeech("no-such-engine")
    assert not speech.supports("da")
    speech.say("Dit nummer er P 17", "da")  # nothing happens, nothing raises
    speech.stop()
    speech.chime()  # no sound device here either


def test_the_mock_engine_speaks_english(qtbot: Any) -> None:
    speech = QtSpeech("mock")
    assert speech.supports("en")
    assert not speech.supports("so")
    speech.say("Your number is P 17", "en")
    speech.say("Lambarkaagu waa P 17", "so")  # no Somali voice: quietly nothing
    speech.stop()
