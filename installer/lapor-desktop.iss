; Inno Setup script for LAPOR Desa (Windows). Wraps the PyInstaller onedir build.
;
;   .venv\Scripts\python scripts\build_bundle.py --archive zip
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\lapor-desktop.iss
;
; Output: dist\installer\lapor-desktop-setup-<version>.exe. It installs without
; internet and, by default, without administrator rights (per user, into
; %LOCALAPPDATA%\Programs); an administrator can choose "all users". Data lives in
; the user's data dir (%LOCALAPPDATA%\LAPOR Desa\lapor-desktop), never in the
; program folder, so an update or uninstall leaves the office's reports alone.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "LAPOR! Desa"
#define AppExe "lapor-desktop.exe"
#define CliExe "lapor-desktop-cli.exe"
#define BuildDir "..\dist\lapor-desktop"

[Setup]
AppId={{6B0E3C52-9D47-4F0B-8E55-2A7C4F1D9A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=LAPOR Desa
DefaultDirName={autopf}\LAPOR Desa
DefaultGroupName=LAPOR! Desa
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=lapor-desktop-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole onedir folder: the windowed app, the console CLI beside it, and _internal\.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; A quick check that the installed copy works (fresh temporary data, no network), hidden.
Filename: "{app}\{#CliExe}"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Memeriksa instalasi..."
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
