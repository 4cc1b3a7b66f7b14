// platform/Signals: SIGINT and SIGTERM ask the program to stop; the main
// loop notices and shuts down cleanly (audio faded, files closed). Depends on
// nothing. Must never do work inside the handler beyond setting a flag.
#pragma once

namespace soma::signals {

void install();
bool stopRequested();
void requestStop();

} // namespace soma::signals
