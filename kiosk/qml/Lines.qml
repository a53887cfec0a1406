// A card of plain sentences (waits, opening times, notes).
import QtQuick

Rectangle {
    id: card
    property var lines: []
    property int fontPx: th.f_body
    property bool strongFirst: false
    readonly property var th: vm.theme
    implicitHeight: col.implicitHeight + th.gap * 2
    visible: lines.length > 0
    radius: th.radius
    color: th.surface
    border.color: th.border
    border.width: th.border_w
    Column {
        id: col
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: th.gap
        spacing: th.gap / 2
        Repeater {
            model: card.lines
            Text {
                required property var modelData
                required property int index
                width: col.width
                text: modelData
                color: th.text
                font.pixelSize: card.fontPx
                font.bold: card.strongFirst && index === 0
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignLeft
            }
        }
    }
}
