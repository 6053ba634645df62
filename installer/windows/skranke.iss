; Inno Setup 6 script for Skranke: a per-machine install of the PyInstaller folder.
;
; Built by .github/workflows/windows.yml after `pyinstaller installer\skranke.spec`:
;     iscc /DAppVersion=0.1.0 installer\windows\skranke.iss   ->  dist\Skranke-0.1.0-setup.exe
;
; Silent install for municipal IT (admin rights; no questions, no message boxes):
;     Skranke-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SETTINGS="\\server\it\skranke\settings.toml"
; /SETTINGS copies that file to %PROGRAMDATA%\skranke\settings.toml, the machine-wide settings
; Skranke reads (skranke/settings.py: site_settings_path). Without /SETTINGS an existing file
; there is left as it is. Uninstalling never removes it, nor anyone's database
; (%LOCALAPPDATA%\skranke\skranke.sqlite3): see docs/install.md.
;
; tests/installer/test_windows.py checks this file against the spec and Skranke's paths.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Skranke"
#define AppId "{6F1C2B9E-5D84-4C1A-9E3B-2A7D4F0C8B61}"
#define GuiExe "Skranke.exe"
#define CliExe "skranke-cli.exe"
; The PyInstaller folder; build-under-wine.sh builds it in dist\windows\skranke.
#ifndef BuildDir
  #define BuildDir "..\..\dist\skranke"
#endif
; build-under-wine.sh may pass a faster one (SKRANKE_SETUP_COMPRESSION) for CI.
#ifndef SetupCompression
  #define SetupCompression "lzma2/max"
#endif

[Setup]
; The same AppId in every release: a new version installs over (upgrades) the old one.
AppId={{#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Skranke
DefaultDirName={commonpf}\Skranke
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Skranke-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\skranke.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
Compression={#SetupCompression}
SolidCompression=yes
WizardStyle=modern
; Close a running Skranke before files are replaced (an upgrade during opening hours).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole PyInstaller folder: both executables and _internal\ (Python, Qt, resources,
; database migrations).
Source: "{#BuildDir}\{#GuiExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs
; The machine-wide settings IT passes with /SETTINGS=<file>. Never uninstalled.
Source: "{code:SettingsSource}"; DestDir: "{commonappdata}\skranke"; DestName: "settings.toml"; Flags: external ignoreversion uninsneveruninstall; Check: SettingsGiven

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "Registrering af henvendelser ved borgerservice"

[InstallDelete]
; A new version's _internal replaces the old one whole: no stale libraries from before.
Type: filesandordirs; Name: "{app}\_internal"

[UninstallDelete]
; Only what the installer put in {app}. Never {localappdata}\skranke (the databases) and
; never {commonappdata}\skranke (IT's settings).
Type: filesandordirs; Name: "{app}\_internal"

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  SettingsFile: String;

{ /SETTINGS=<file>: check it before anything is installed; a relative path is taken from the
  folder setup was started in. A missing file stops setup (exit code 1 when silent) rather than
  install a desk that asks for its settings by hand. }
function InitializeSetup(): Boolean;
begin
  Result := True;
  SettingsFile := ExpandConstant('{param:SETTINGS}');
  if SettingsFile <> '' then
  begin
    SettingsFile := ExpandFileName(SettingsFile);
    if not FileExists(SettingsFile) then
    begin
      SuppressibleMsgBox('Indstillingsfilen findes ikke: ' + SettingsFile, mbCriticalError, MB_OK, IDOK);
      Result := False;
    end;
  end;
end;

function SettingsSource(Param: String): String;
begin
  Result := SettingsFile;
end;

function SettingsGiven(): Boolean;
begin
  Result := SettingsFile <> '';
end;
