namespace scalelaw::checks {
int placeholder() { return 0; }
}
