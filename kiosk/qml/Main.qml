// The kiosk window: header, banner, the current screen, navigation, overlays.
// Everything shown comes from `vm` (kiosk/viewmodel.py); nothing here decides.
// The screens and parts in this folder read `vm` from this root's context.
import QtQuick
import DinTur.Kiosk

Rectangle {
    id: root
    objectName: "root"
    required property KioskViewModel vm
    readonly property var th: vm.theme
    readonly property var t: vm.t
    color: th.bg

    LayoutMirroring.enabled: vm.rtl
    LayoutMirroring.childrenInherit: true

    // --- header: what this screen is about (no buttons up here) ---
    Rectangle {
        id: header
        objectName: "header"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        height: th.header_h
        color: th.header

        Item {
            // who and when: the branch, today's date and the time
            id: brand
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.margins: th.margin
            anchors.topMargin: th.gap
            height: branchText.implicitHeight
            Text {
                id: branchText
                objectName: "branchName"
                anchors.left: parent.left
                width: parent.width * 0.5
                text: vm.branchName
                color: th.onHeader
                font.pixelSize: th.f_small
                font.bold: true
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignLeft
            }
            Text {
                objectName: "clock"
                anchors.right: parent.right
                width: parent.width * 0.5
                text: vm.now
                color: th.onHeader
                font.pixelSize: th.f_small
                elide: Text.ElideLeft
                horizontalAlignment: Text.AlignRight
            }
        }

        Column {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: th.margin
            spacing: th.gap / 2
            Text {
                // two lines of title; a longer one is set smaller, never below the
                // heading size (still 7 mm capitals in large-text mode)
                objectName: "heading"
                width: parent.width
                height: Math.min(implicitHeight, Math.ceil(th.f_title * 1.2 * 2))
                text: vm.heading
                color: th.onHeader
                font.pixelSize: th.f_title
                font.bold: true
                fontSizeMode: Text.Fit
                minimumPixelSize: th.f_heading
                wrapMode: Text.WordWrap
                elide: Text.ElideRight
                verticalAlignment: Text.AlignBottom
                horizontalAlignment: Text.AlignLeft
            }
            Text {
                objectName: "subheading"
                width: parent.width
                visible: text !== ""
                text: vm.subheading
                color: th.onHeader
                font.pixelSize: th.f_body
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignLeft
            }
        }
    }

    // --- banner: the server or the printer is away (told before choosing) ---
    Rectangle {
        id: banner
        objectName: "banner"
        readonly property bool shown: vm.banner.text !== ""
            && ["start", "menu", "group", "guides"].indexOf(vm.screen) >= 0
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: shown ? th.gap : 0
        height: shown ? th.banner_h : 0
        visible: shown
        radius: th.radius
        color: vm.banner.kind === "error" ? th.errorBg : th.warnBg
        border.color: th.border
        border.width: th.border_w
        Text {
            objectName: "bannerText"
            anchors.fill: parent
            anchors.margins: th.gap / 2
            text: "⚠  " + vm.banner.text
            color: vm.banner.kind === "error" ? th.onError : th.onWarn
            font.pixelSize: th.f_body
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignLeft
        }
    }

    // --- the screen ---
    Item {
        id: content
        objectName: "content"
        anchors.top: banner.bottom
        anchors.bottom: nav.visible ? nav.top : parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: th.margin
        anchors.topMargin: th.gap
        anchors.bottomMargin: th.gap

        Loader {
            id: screenLoader
            anchors.fill: parent
            source: {
                switch (vm.screen) {
                case "start": return "StartScreen.qml"
                case "menu": case "group": case "guides": return "MenuScreen.qml"
                case "confirm": return "ConfirmScreen.qml"
                case "offer": return "OfferScreen.qml"
                case "ticket": return "TicketScreen.qml"
                case "guide": return "GuideScreen.qml"
                default: return "MessageScreen.qml"
                }
            }
        }
    }

    // --- navigation: always a way back and a way to start over ---
    Rectangle {
        id: nav
        objectName: "nav"
        visible: vm.canGoHome
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        height: th.nav_h
        color: th.bg
        Rectangle {
            anchors.top: parent.top
            width: parent.width
            height: th.border_w
            color: th.border
        }
        Row {
            anchors.fill: parent
            anchors.leftMargin: th.margin
            anchors.rightMargin: th.margin
            anchors.topMargin: th.gap
            anchors.bottomMargin: th.gap
            spacing: th.gap
            readonly property int slots: 3
            readonly property real slotW: (width - spacing * (slots - 1)) / slots
            KButton {
                objectName: "btn_back"
                width: parent.slotW
                height: th.button_h
                kind: "secondary"
                icon: vm.rtl ? "→" : "←"
                text: t["nav.back"]
                enabled: vm.canGoBack && !vm.busy
                opacity: vm.canGoBack ? 1 : 0
                touchTarget: vm.canGoBack
                onActivated: vm.back()
            }
            KButton {
                objectName: "btn_home"
                width: parent.slotW
                height: th.button_h
                kind: "secondary"
                icon: "⌂"
                text: t["nav.home"]
                enabled: !vm.busy
                onActivated: vm.home()
            }
            KButton {
                objectName: "btn_read"
                visible: vm.speechAvailable
                width: parent.slotW
                height: th.button_h
                kind: "toggle"
                checked: vm.speechOn
                icon: "♪"
                text: t["nav.read"]
                onActivated: vm.readAloud()
            }
        }
    }

    // --- overlays ---
    Rectangle {
        id: busyOverlay
        objectName: "busy"
        anchors.fill: parent
        visible: vm.busy
        color: th.overlay
        MouseArea { anchors.fill: parent } // swallow taps while we wait
        Rectangle {
            anchors.centerIn: parent
            width: parent.width * 0.8
            height: busyText.implicitHeight + 2 * th.margin
            radius: th.radius
            color: th.surface
            border.color: th.border
            border.width: th.border_w
            Text {
                id: busyText
                anchors.centerIn: parent
                width: parent.width - 2 * th.margin
                text: t["busy.text"]
                color: th.text
                font.pixelSize: th.f_heading
                font.bold: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    Rectangle {
        id: idleOverlay
        objectName: "idle"
        anchors.fill: parent
        visible: vm.idleWarning
        color: th.overlay
        MouseArea { anchors.fill: parent; onClicked: vm.moreTime() }
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: th.margin
            anchors.bottomMargin: th.nav_h
            height: idleColumn.implicitHeight + 2 * th.margin
            radius: th.radius
            color: th.surface
            border.color: th.border
            border.width: th.border_w
            Column {
                id: idleColumn
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: th.margin
                spacing: th.gap
                Text {
                    width: parent.width
                    text: t["idle.title"]
                    color: th.text
                    font.pixelSize: th.f_title
                    font.bold: true
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
                Text {
                    objectName: "idleText"
                    width: parent.width
                    text: vm.idleText
                    color: th.text
                    font.pixelSize: th.f_body
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
                KButton {
                    objectName: "btn_more_time"
                    width: parent.width
                    kind: "primary"
                    text: t["idle.more_time"]
                    fontPx: th.f_heading
                    onActivated: vm.moreTime()
                }
            }
        }
    }
}
