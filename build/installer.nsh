; Windows installer additions (electron-builder's nsis.include, build/electron-builder.yml).
; NSIS has no option for URL schemes: the links xmpp:, irc:, ircs: and matrix: open
; Switchboard through these registry keys (Microsoft's "Registering an Application to a URI
; Scheme"). SHELL_CONTEXT is HKCU for a per-user install, HKLM for a per-machine one.

!macro switchboardRegisterScheme SCHEME DESCRIPTION
  WriteRegStr SHELL_CONTEXT "Software\Classes\${SCHEME}" "" "URL:${DESCRIPTION}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${SCHEME}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

; Removes a scheme only while it still opens this installation (another app may have taken it).
!macro switchboardRemoveScheme SCHEME
  ReadRegStr $0 SHELL_CONTEXT "Software\Classes\${SCHEME}\shell\open\command" ""
  StrCmp $0 '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"' 0 +2
    DeleteRegKey SHELL_CONTEXT "Software\Classes\${SCHEME}"
!macroend

!macro customInstall
  !insertmacro switchboardRegisterScheme "xmpp" "XMPP"
  !insertmacro switchboardRegisterScheme "irc" "IRC"
  !insertmacro switchboardRegisterScheme "ircs" "IRC over TLS"
  !insertmacro switchboardRegisterScheme "matrix" "Matrix"
!macroend

!macro customUnInstall
  !insertmacro switchboardRemoveScheme "xmpp"
  !insertmacro switchboardRemoveScheme "irc"
  !insertmacro switchboardRemoveScheme "ircs"
  !insertmacro switchboardRemoveScheme "matrix"
!macroend
