/* TEST SET-UP ONLY, never in the installer: Wine 8's mscms.dll leaves WcsCreateIccProfile
 * unimplemented, and Qt's qwindows.dll calls it for the screen's colour profile; the call
 * aborts the program. These four say "no profile", so Qt uses sRGB. Loaded in place of Wine's
 * with WINEDLLOVERRIDES=mscms=n,b. See installer/README.md, "Windows under Wine".
 *
 *     x86_64-w64-mingw32-gcc -shared -O2 -o mscms.dll mscms.c
 */
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE p, BYTE *buf, DWORD *size) { (void)p; (void)buf; if (size) *size = 0; SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
EXPORT BOOL WINAPI CloseColorProfile(HANDLE p) { (void)p; return TRUE; }
EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE p, DWORD options) { (void)p; (void)options; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation) { (void)profile; (void)access; (void)share; (void)creation; SetLastError(ERROR_FILE_NOT_FOUND); return NULL; }
