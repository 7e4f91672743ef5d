// The phrases the simulated user types: short messages of the kind people
// with ALS write to their carers (needs, comfort, people, plans), written for
// Drishti, lower case letters and spaces only (every letter board has them).
#pragma once

#include <string>
#include <vector>

namespace drishti::sim {

inline std::vector<std::string> defaultPhrases() {
  return {"i need water",
          "please turn me onto my left side",
          "my back hurts",
          "call my daughter",
          "i am too cold",
          "can you open the window",
          "thank you for today",
          "i want to sleep now",
          "please read me the news",
          "my mouth is dry",
          "when is the doctor coming",
          "move the pillow up",
          "i love you",
          "turn off the light",
          "what time is it",
          "i feel sick",
          "play some music",
          "where are my glasses",
          "wipe my eyes please",
          "let us watch the match"};
}

}  // namespace drishti::sim
