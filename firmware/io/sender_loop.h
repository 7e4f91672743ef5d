// SenderLoop: the sender thread: outbox -> transport, heartbeat, host commands.
//
// Represents: the body of the sender thread. It stamps every outgoing message
// with the next sequence number and the send time, sends it (never blocking:
// a message the transport cannot take now is dropped and counted), sends a
// Status heartbeat heartbeatHz times a second, keeps the transport healthy
// (tick) and answers host commands: status requests at once, the rest passed
// to the tracking thread, which acks them. It logs camera state changes in
// plain words. When stopped, or when a finite source has been fully
// processed, it sends what is queued and a last Status, and ends.
// Ensures: no allocation per message or heartbeat in this code.
// Thread safety: run() on one thread; the transport is used only by it.
#pragma once

#include <cstdint>

#include "firmware/io/pipeline_shared.h"
#include "firmware/io/thermal_sensor.h"
#include "firmware/io/transport.h"

namespace drishti::io {

class SenderLoop : public CommandSink {
 public:
  // `thermal` may be null (no temperature).
  SenderLoop(PipelineShared& shared, Transport& transport, const ThermalSensor* thermal)
      : shared_(shared), transport_(transport), thermal_(thermal) {}

  void run();

  void onCommand(const protocol::Command& command) override;
  void onRejected(const protocol::DecodeError& error) override;

 private:
  void send(protocol::Message& message);
  void sendStatus(std::uint64_t nowUs);
  void drainOutbox();
  void noteCamera(protocol::CameraState state);

  PipelineShared& shared_;
  Transport& transport_;
  const ThermalSensor* thermal_;
  std::uint32_t seq_ = 0;
  std::uint64_t nextTemperatureUs_ = 0;
  bool temperatureValid_ = false;
  float temperatureC_ = 0;
  protocol::CameraState lastCamera_ = protocol::CameraState::kStarting;
  std::uint64_t rejected_ = 0;
  std::uint64_t samplesSent_ = 0;  // lossless: for the heartbeat
  protocol::Message scratch_;
};

}  // namespace drishti::io
