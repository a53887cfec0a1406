// Menus: the branch's services and groups, a group's services, or the guides.
import QtQuick

Item {
    id: menu
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property int cols: th.columns

    Grid {
        id: grid
        objectName: "tiles"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        columns: menu.cols
        spacing: th.gap
        Repeater {
            model: vm.tiles
            Tile {
                required property var modelData
                tileData: modelData
                width: (grid.width - grid.spacing * (menu.cols - 1)) / menu.cols
                height: vm.paging.tileH
                onActivated: vm.openTile(modelData.id)
            }
        }
    }

    Row {
        id: paging
        objectName: "paging"
        visible: vm.paging.pages > 1
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        readonly property real slotW: (width - 2 * spacing) / 3
        KButton {
            objectName: "btn_prev_page"
            width: paging.slotW
            kind: "secondary"
            icon: vm.rtl ? "›" : "‹"
            text: t["paging.prev"]
            enabled: vm.paging.hasPrev
            onActivated: vm.prevPage()
        }
        Text {
            width: paging.slotW
            height: th.button_h
            text: vm.paging.text
            color: th.text
            font.pixelSize: th.f_body
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            wrapMode: Text.WordWrap
        }
        KButton {
            objectName: "btn_next_page"
            width: paging.slotW
            kind: "secondary"
            icon: vm.rtl ? "‹" : "›"
            text: t["paging.next"]
            enabled: vm.paging.hasNext
            onActivated: vm.nextPage()
        }
    }
}
