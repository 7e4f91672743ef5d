drishti-profile 1
# The profile a new person starts from. The device copies it into the state
# folder as profiles/NAME.profile; edit that copy (format: host/data/README.md).
name "Default"
method dwell
language en
voice en
board en-abc
phrases en-phrases
yesno en-yesno
echo off
history off
phrases.action speak
speak.clear_after off

dwell.ms 1000
dwell.lock_on_ms 150
dwell.loss_grace_ms 300
dwell.margin_px 12
dwell.landed off
dwell.refixation_px 0
dwell.hold_px 30
dwell.reading_guard on
dwell.reading_step_px 220
dwell.reading_look_ms 1000
dwell.guard_max_deg 1.5
dwell.cascade_ms 500
dwell.cascade_step_ms 100
dwell.cascade_back_ms 200
dwell.cascade_pause_ms 5000
dwell.cascade_unlikely_ms 0
dwell.spoken_ms 2000
gaze.saccade_restart on

prediction on
prediction.slots 4
prediction.learn on

blink.min_ms 400
blink.max_ms 1000
blink.eyes both

scan.mode rows
scan.interval_ms 1200
scan.first_delay_ms 600
scan.loops 3
scan.back_max_ms 2000
scan.adapt on
scan.adapt_min_ms 500

gesture.hold_ms 700
gesture.edge 0.22

code.gap_ms 1500

safety.long_blink_min_ms 2000
safety.long_blink_max_ms 8000
safety.gap_ms 4000
safety.help_blinks 3
safety.rest_blinks 2
safety.wake_dwell_ms 3000
safety.help_repeat_ms 30000
tracking.lost_delay_ms 1500

# The screen's visible picture and the eyes' distance from it, for calibration
# (measure them: errors are reported in degrees from these).
screen.width_mm 344
screen.height_mm 194
screen.distance_mm 600
calibration.points 9
calibration.appearance_y off
