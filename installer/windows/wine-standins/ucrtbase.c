/* TEST SET-UP ONLY, never in the installer: Wine 8's ucrtbase.dll leaves crealf and cimagf
 * unimplemented, and numpy (matplotlib's) calls crealf while it is imported, which aborts the
 * program. This ucrtbase.dll forwards every other export to a copy of Wine's own ucrtbase.dll
 * (renamed ucrtwine.dll, see build.sh) and adds the two. Loaded with WINEDLLOVERRIDES=ucrtbase=n,b.
 * See installer/README.md, "Windows under Wine". */

typedef struct {
    float re, im;
} fcomplex; /* _Fcomplex */

__declspec(dllexport) float crealf(fcomplex z) { return z.re; }
__declspec(dllexport) float cimagf(fcomplex z) { return z.im; }

int __stdcall DllMainCRTStartup(void *module, unsigned long reason, void *reserved)
{
    (void)module; (void)reason; (void)reserved;
    return 1;
}
