@echo off
rem Serve this copy of the guide and open it in the browser (Windows): double-click this file.
cd /d "%~dp0"
where py >nul 2>nul
if %errorlevel%==0 (
  py -3 serve.py %*
  goto :end
)
where python >nul 2>nul
if %errorlevel%==0 (
  python serve.py %*
  goto :end
)
echo Python 3 is needed to serve the guide: install it from python.org (tick "Add python.exe to PATH"),
echo then double-click this file again.
:end
pause
