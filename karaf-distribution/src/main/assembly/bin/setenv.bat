@echo off
rem Clientele: the runtime's maximum heap, 512 MB unless JAVA_MAX_MEM says otherwise (quality.md P7).
if "%JAVA_MAX_MEM%" == "" set JAVA_MAX_MEM=512M
echo %JAVA_OPTS% %EXTRA_JAVA_OPTS% | findstr /C:"-Xmx" >nul || set EXTRA_JAVA_OPTS=-Xmx%JAVA_MAX_MEM% %EXTRA_JAVA_OPTS%
