// A menu tile: a service, a group (opens a sub-menu), or a guide.
import QtQuick

Rectangle {
    id: tile
    property var tileData: ({})
    property bool touchTarget: true
    readonly property var th: vm.theme
    readonly property bool off: tileData.state === "off"
    signal activated()

    radius: th.radius
    color: off ? th.disabled : th.surface
    border.color: th.border
    border.width: th.border_w
    objectName: "tile_" + String(tileData.id).replace(":", "_")

    Accessible.role: Accessible.Button
    Accessible.name: title.text + ". " + status.text + " " + detail.text

    Column {
        id: body
        anchors.fill: parent
        anchors.margins: th.gap / 2
        anchors.leftMargin: th.gap
        anchors.rightMargin: th.gap
        spacing: 0

        Text {
            id: title
            width: parent.width
            text: tileData.title || ""
            color: off ? th.onDisabled : th.text
            font.pixelSize: th.f_heading
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignLeft
        }
        Text {
            id: status
            width: parent.width
            visible: text !== ""
            text: tileData.status ? tileData.mark + " " + tileData.status : ""
            color: off ? th.onDisabled : tileData.state === "open" ? th.open : th.closed
            font.pixelSize: th.f_small
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignLeft
        }
        Text {
            id: detail
            width: parent.width
            // whatever room is left; the last line that fits ends in "…"
            height: Math.max(0, body.height - title.height - (status.visible ? status.height : 0))
            text: tileData.detail || ""
            color: off ? th.onDisabled : th.muted
            font.pixelSize: th.f_small
            wrapMode: Text.WordWrap
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignLeft
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: tile.activated()
    }
}
