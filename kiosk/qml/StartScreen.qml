// Start: choose a language (one tap goes on), and the accessibility switches.
import QtQuick

Item {
    id: start
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property int cols: th.portrait ? 2 : 4
    readonly property bool stackToggles: vm.largeText && th.portrait

    Column {
        // a welcome in every language of the kiosk, and the branch's own line
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        Text {
            objectName: "welcomeAll"
            width: parent.width
            text: vm.welcomeAll
            color: th.muted
            font.pixelSize: th.f_heading
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        Note {
            width: parent.width
            kind: "info"
            text: vm.branchInfo
        }
    }

    Column {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        spacing: th.gap

        Text {
            objectName: "chooseLanguage"
            width: parent.width
            text: vm.language === "en" ? t["start.choose"] : t["start.choose"] + " · Choose your language"
            color: th.text
            font.pixelSize: th.f_heading
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignLeft
        }

        Grid {
            id: langs
            width: parent.width
            columns: start.cols
            spacing: th.gap
            Repeater {
                model: vm.languages
                KButton {
                    required property var modelData
                    objectName: "lang_" + modelData.code
                    width: (langs.width - langs.spacing * (start.cols - 1)) / start.cols
                    height: Math.round(th.button_h * 1.2)
                    kind: modelData.code === vm.language ? "primary" : "secondary"
                    text: modelData.name
                    fontPx: th.f_heading
                    onActivated: vm.chooseLanguage(modelData.code)
                }
            }
        }

        Rectangle { width: parent.width; height: th.border_w; color: th.border }

        Grid {
            id: toggles
            width: parent.width
            columns: start.stackToggles ? 1 : (vm.speechAvailable ? 3 : 2)
            spacing: th.gap
            readonly property real slotW: (width - spacing * (columns - 1)) / columns
            // side by side, the switches are as tall as the tallest (a long Arabic label)
            readonly property real rowH: columns === 1 ? 0 : Math.max(large.implicitHeight,
                contrast.implicitHeight, speech.visible ? speech.implicitHeight : 0)
            KButton {
                id: large
                objectName: "toggle_large"
                width: toggles.slotW
                height: toggles.rowH || implicitHeight
                kind: "toggle"
                checked: vm.largeText
                maxLines: 4
                icon: "Aa"
                text: t["start.large"] + (start.stackToggles ? ": " : "\n")
                    + (vm.largeText ? t["start.on"] : t["start.off"])
                onActivated: vm.toggleLargeText()
            }
            KButton {
                id: contrast
                objectName: "toggle_contrast"
                width: toggles.slotW
                height: toggles.rowH || implicitHeight
                kind: "toggle"
                checked: vm.highContrast
                maxLines: 4
                icon: "◐"
                text: t["start.contrast"] + (start.stackToggles ? ": " : "\n")
                    + (vm.highContrast ? t["start.on"] : t["start.off"])
                onActivated: vm.toggleHighContrast()
            }
            KButton {
                id: speech
                objectName: "toggle_speech"
                visible: vm.speechAvailable
                width: toggles.slotW
                height: toggles.rowH || implicitHeight
                kind: "toggle"
                checked: vm.speechOn
                maxLines: 4
                icon: "♪"
                text: t["start.speech"] + (start.stackToggles ? ": " : "\n")
                    + (vm.speechOn ? t["start.on"] : t["start.off"])
                onActivated: vm.toggleSpeech()
            }
        }
    }
}
