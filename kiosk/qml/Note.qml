// A short highlighted sentence: a warning (printer) or a reminder (bring a photo).
// The icon is its own item, so the sentence's direction follows its language.
import QtQuick

Rectangle {
    id: note
    property string text: ""
    property string kind: "warn" // warn | info | error
    readonly property var th: vm.theme
    readonly property color fg: kind === "warn" ? th.onWarn : kind === "error" ? th.onError : th.onSecondary
    visible: text !== ""
    implicitHeight: visible ? Math.max(label.implicitHeight, icon.implicitHeight) + th.gap * 2 : 0
    radius: th.radius
    color: kind === "warn" ? th.warnBg : kind === "error" ? th.errorBg : th.secondary
    border.color: th.border
    border.width: th.border_w
    Text {
        id: icon
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: th.gap
        text: note.kind === "info" ? "ℹ" : "⚠"
        color: note.fg
        font.pixelSize: th.f_body
        font.bold: true
    }
    Text {
        id: label
        objectName: "noteText"
        anchors.left: icon.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: th.gap
        text: note.text
        color: note.fg
        font.pixelSize: th.f_body
        font.bold: true
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignLeft
    }
}
